package io.github.stalecerts.testing;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;

/**
 * moto's credential report has no {@code <root_account>} row (real AWS always has one). This
 * interceptor appends one to moto's real report as the SDK receives it, so the root account's
 * path runs through the real client and parser.
 */
public final class RootRowInjector implements ExecutionInterceptor {

    private final String row;

    /** @param certColumns the last four columns: cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated */
    public RootRowInjector(String certColumns) {
        this(MotoServer.ACCOUNT_ID, certColumns);
    }

    /** The root row of another account (a member of a moto organization). */
    public RootRowInjector(String accountId, String certColumns) {
        this.row = "<root_account>,arn:aws:iam::" + accountId + ":root,2020-01-01T00:00:00+00:00,"
                + "not_supported,2024-01-01T00:00:00+00:00,not_supported,not_supported,true,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A," + certColumns + "\n";
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof GetCredentialReportResponse report) {
            String csv = report.content().asString(StandardCharsets.UTF_8);
            int headerEnd = csv.indexOf('\n') + 1;
            String withRoot = csv.substring(0, headerEnd) + row + csv.substring(headerEnd);
            return report.toBuilder().content(SdkBytes.fromString(withRoot, StandardCharsets.UTF_8)).build();
        }
        return context.response();
    }
}
