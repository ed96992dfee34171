package io.github.stalecerts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * moto never denies AssumeRole (it does not check trust policies). This interceptor sends the
 * AssumeRole requests for chosen accounts to a local fake that refuses them in STS's Query-API
 * error format, as STS does when the role's trust policy does not admit the caller; every other
 * request still goes to moto.
 */
public final class AssumeRoleDenier implements ExecutionInterceptor, AutoCloseable {

    private final Set<String> deniedAccounts;
    private final FakeAws fake;

    public AssumeRoleDenier(Set<String> deniedAccounts) {
        this.deniedAccounts = Set.copyOf(deniedAccounts);
        try {
            this.fake = new FakeAws(request -> FakeAws.Response.xmlError(403, "AccessDenied",
                    "User: arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":user/testing is not authorized to perform: "
                            + "sts:AssumeRole on resource: " + request.form().get("RoleArn")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AssumeRole requests the fake refused. */
    public int denials() {
        return fake.requests("AssumeRole").size();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (context.request() instanceof AssumeRoleRequest assume
                && deniedAccounts.contains(assume.roleArn().split(":")[4])) {
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
