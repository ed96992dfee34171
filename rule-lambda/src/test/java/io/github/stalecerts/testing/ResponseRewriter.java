package io.github.stalecerts.testing;

import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Rewrites moto's real responses of one type, for states moto cannot hold (a corrupt certificate body). */
public final class ResponseRewriter<T extends SdkResponse> implements ExecutionInterceptor {

    private final Class<T> type;
    private final UnaryOperator<T> rewrite;

    public ResponseRewriter(Class<T> type, UnaryOperator<T> rewrite) {
        this.type = type;
        this.rewrite = rewrite;
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        return type.isInstance(context.response()) ? rewrite.apply(type.cast(context.response())) : context.response();
    }
}
