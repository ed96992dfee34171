package io.github.stalecerts.aws;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns SDK exceptions into messages that say which call failed and what to do about it. */
public final class AwsErrors {

    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException");

    private AwsErrors() {
    }

    /**
     * Runs one AWS call (the SDK has already retried throttling and 5xx by the time an exception gets here).
     *
     * @param operation the IAM action the call needs, e.g. {@code iam:GetUser}
     */
    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new AwsCallException(describe(operation, e), code != null && DENIED.contains(code), e);
        } catch (SdkClientException e) {
            throw new AwsCallException(operation + " failed before AWS answered: " + e.getMessage(), false, e);
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
