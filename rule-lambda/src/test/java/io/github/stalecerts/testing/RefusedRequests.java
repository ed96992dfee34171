package io.github.stalecerts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * moto checks no trust or permission policy, so it never refuses a call. This interceptor sends the
 * chosen requests to a local fake that refuses them in the service's own error format; every other
 * request still goes to moto.
 */
public final class RefusedRequests implements ExecutionInterceptor, AutoCloseable {

    private final String operation;
    private final Predicate<SdkRequest> refused;
    private final FakeAws fake;

    private RefusedRequests(String operation, Predicate<SdkRequest> refused, Function<FakeAws.Request, FakeAws.Response> answer) {
        this.operation = operation;
        this.refused = refused;
        try {
            this.fake = new FakeAws(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * AssumeRole into the given accounts, refused as STS refuses it when the role's trust policy does not
     * admit the caller (Query-API XML error, 403 AccessDenied).
     */
    public static RefusedRequests assumeRoleInto(Set<String> accounts) {
        Set<String> denied = Set.copyOf(accounts);
        return new RefusedRequests("AssumeRole",
                request -> request instanceof AssumeRoleRequest assume && denied.contains(assume.roleArn().split(":")[4]),
                request -> FakeAws.Response.xmlError(403, "AccessDenied",
                        "User: arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":user/testing is not authorized to perform: "
                                + "sts:AssumeRole on resource: " + request.form().get("RoleArn")));
    }

    /**
     * DescribeOrganization, refused as Organizations refuses a caller without the permission: HTTP 400 with
     * {@code __type} {@code AccessDeniedException} in the JSON 1.1 error format (Organizations API Reference,
     * DescribeOrganization, Errors).
     */
    public static RefusedRequests describeOrganization() {
        return new RefusedRequests("DescribeOrganization", request -> request instanceof DescribeOrganizationRequest,
                request -> FakeAws.Response.jsonError(400, "AccessDeniedException",
                        "You don't have permissions to access this resource."));
    }

    /** How many requests the fake refused. */
    public int denials() {
        return fake.requests(operation).size();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (refused.test(context.request())) {
            return context.httpRequest().toBuilder().protocol("http").host("127.0.0.1")
                    .port(fake.endpoint().getPort()).build();
        }
        return context.httpRequest();
    }

    @Override
    public void close() {
        fake.close();
    }
}
