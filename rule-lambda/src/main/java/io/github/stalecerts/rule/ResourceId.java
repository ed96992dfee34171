package io.github.stalecerts.rule;

import java.util.regex.Pattern;

/**
 * What a remediation may be handed as Config's resource id: an IAM UserId ({@code AIDA...}) or the
 * account id, both ASCII letters and digits, 12 to 128 of them. The remediation Lambda checks it, and the
 * SSM document's {@code allowedPattern} is the same expression.
 */
public final class ResourceId {

    /** The expression, without anchors (SSM's {@code allowedPattern} adds {@code ^...$}). */
    public static final String PATTERN = "[A-Za-z0-9]{12,128}";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private ResourceId() {
    }

    public static boolean isValid(String text) {
        return text != null && COMPILED.matcher(text).matches();
    }
}
