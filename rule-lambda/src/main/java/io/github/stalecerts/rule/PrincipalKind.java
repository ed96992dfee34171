package io.github.stalecerts.rule;

/** What kind of principal holds certificates, with the Config resource type it is reported as. */
public enum PrincipalKind {
    USER("AWS::IAM::User"),
    ROOT_ACCOUNT("AWS::::Account");

    private final String resourceType;

    PrincipalKind(String resourceType) {
        this.resourceType = resourceType;
    }

    public String resourceType() {
        return resourceType;
    }
}
