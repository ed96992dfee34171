package io.github.stalecerts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationRequest;

/**
 * moto always answers DescribeOrganization (it checks no IAM policy). This interceptor sends that one
 * request to a local fake that refuses it as Organizations does for a caller without the permission:
 * HTTP 400 with {@code __type} {@code AccessDeniedException} in the JSON 1.1 error format (Organizations
 * API Reference, DescribeOrganization, Errors). Every other request still goes to moto.
 */
public final class DescribeOrganizationDenier implements ExecutionInterceptor, AutoCloseable {

    private final FakeAws fake;

    public DescribeOrganizationDenier() {
        try {
            this.fake = new FakeAws(request -> FakeAws.Response.jsonError(400, "AccessDeniedException",
                    "You don't have permissions to access this resource."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DescribeOrganization requests the fake refused. */
    public int denials() {
        return fake.requests("DescribeOrganization").size();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (context.request() instanceof DescribeOrganizationRequest) {
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
