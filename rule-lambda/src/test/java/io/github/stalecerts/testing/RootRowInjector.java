package io.github.stalecerts.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
 *
 * <p>moto writes IAM's older 22 columns; {@link #withAdditionalCredentialsInfo} also turns the report into
 * the current 23-column format (IAM User Guide, "Getting credential reports": {@code additional_credentials_info}
 * after {@code cert_2_last_rotated}).
 */
public final class RootRowInjector implements ExecutionInterceptor {

    private static final String ADDITIONAL_CREDENTIALS_INFO = "additional_credentials_info";

    private final String row;
    /** Present: add the column; the value per user name ({@code <root_account>} for the root row), {@code N/A} otherwise. */
    private final Optional<Map<String, String>> additionalCredentialsInfo;

    /** @param certColumns the last four columns: cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated */
    public RootRowInjector(String certColumns) {
        this(MotoServer.ACCOUNT_ID, certColumns);
    }

    /** The root row of another account (a member of a moto organization). */
    public RootRowInjector(String accountId, String certColumns) {
        this("<root_account>,arn:aws:iam::" + accountId + ":root,2020-01-01T00:00:00+00:00,"
                + "not_supported,2024-01-01T00:00:00+00:00,not_supported,not_supported,true,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A," + certColumns + "\n", Optional.empty());
    }

    private RootRowInjector(String row, Optional<Map<String, String>> additionalCredentialsInfo) {
        this.row = row;
        this.additionalCredentialsInfo = additionalCredentialsInfo;
    }

    /**
     * The same root row in a report with {@code additional_credentials_info}: each named user's row (the name
     * up to the first comma: use plain names) gets its value, every other row {@code N/A}.
     */
    public RootRowInjector withAdditionalCredentialsInfo(Map<String, String> valueByUserName) {
        return new RootRowInjector(row, Optional.of(Map.copyOf(valueByUserName)));
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof GetCredentialReportResponse report) {
            String csv = report.content().asString(StandardCharsets.UTF_8);
            int headerEnd = csv.indexOf('\n') + 1;
            String withRoot = csv.substring(0, headerEnd) + row + csv.substring(headerEnd);
            if (additionalCredentialsInfo.isPresent()) {
                withRoot = withAdditionalColumn(withRoot, additionalCredentialsInfo.get());
            }
            return report.toBuilder().content(SdkBytes.fromString(withRoot, StandardCharsets.UTF_8)).build();
        }
        return context.response();
    }

    private static String withAdditionalColumn(String csv, Map<String, String> valueByUserName) {
        String[] lines = csv.split("\n");
        StringBuilder out = new StringBuilder(lines[0]).append(',').append(ADDITIONAL_CREDENTIALS_INFO).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String user = lines[i].substring(0, lines[i].indexOf(','));
            String value = valueByUserName.getOrDefault(user, "N/A");
            out.append(lines[i]).append(",\"").append(value.replace("\"", "\"\"")).append("\"\n");
        }
        return out.toString();
    }
}
