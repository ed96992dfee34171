package io.github.stalecerts.aws;

import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.AwsCallException.Reason;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns SDK exceptions into messages that say which call failed and what to do about it. */
public final class AwsErrors {

    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation");
    private static final Set<String> NOT_FOUND = Set.of("NoSuchEntity", "NoSuchEntityException");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException");

    private AwsErrors() {
    }

    /**
     * Runs one AWS call (the SDK has already retried throttling and 5xx by the time an exception gets here).
     *
     * @param action the action the call needs, from the catalogue the functions' roles are made of
     */
    public static <T> T call(Action action, Supplier<T> call) {
        String operation = action.iamName();
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            Reason reason = code != null && DENIED.contains(code) ? Reason.ACCESS_DENIED
                    : code != null && NOT_FOUND.contains(code) ? Reason.NOT_FOUND : Reason.FAILED;
            throw new AwsCallException(describe(operation, e), reason, e);
        } catch (SdkClientException e) {
            throw new AwsCallException(operation + " failed before AWS answered: " + e.getMessage(), Reason.FAILED, e);
        }
    }

    static String describe(String operation, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code != null && DENIED.contains(code)) {
            return operation + " was denied (" + code + "): the caller's role needs permission for " + operation;
        }
        if (code != null && THROTTLED.contains(code)) {
            return operation + " was still throttled after the SDK's retries (" + code + ")";
        }
        if (e.statusCode() >= 500) {
            return operation + " failed with HTTP " + e.statusCode() + " after the SDK's retries"
                    + (code == null ? "" : " (" + code + ")");
        }
        return operation + " failed: " + (code == null ? "HTTP " + e.statusCode() : code)
                + (e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                        ? "" : " - " + e.awsErrorDetails().errorMessage());
    }
}
