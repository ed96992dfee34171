package io.github.stalecerts.organization;

/**
 * Whom the credentials belong to ({@code GetCallerIdentity}, which needs no permission).
 *
 * @param partition {@code aws}, {@code aws-us-gov}, {@code aws-cn}: the role ARNs of other accounts use it
 */
public record Caller(String accountId, String partition, String arn) {

    /** From the caller's ARN, {@code arn:<partition>:sts::<account>:assumed-role/...}. */
    public static Caller of(String accountId, String arn) {
        String[] parts = arn.split(":", 3);
        if (parts.length < 3 || !parts[0].equals("arn") || parts[1].isEmpty()) {
            throw new IllegalStateException("GetCallerIdentity returned an ARN without a partition: " + arn);
        }
        return new Caller(accountId, parts[1], arn);
    }
}
