package io.github.stalecerts.handler;

import io.github.stalecerts.config.InvalidEventException;
import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.rule.AccountId;
import io.github.stalecerts.rule.Echo;

/**
 * The account the function runs in, taken from the ARN Lambda invoked it by
 * ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}). The role can read only this
 * account's IAM users and report only to this account's Config: an event for any other account is
 * rejected before anything is read or reported, so a mis-wired invocation (a rule in one account
 * pointing at another account's function) never judges the wrong users under the other account's token.
 */
public record FunctionAccount(String id) {

    public FunctionAccount {
        if (!AccountId.isValid(id)) {
            throw new IllegalArgumentException("an account id is 12 digits, got '" + Echo.of(id) + "'");
        }
    }

    /** The account field of the invoked function's ARN. */
    public static FunctionAccount ofInvokedFunctionArn(String arn) {
        String[] fields = arn == null ? new String[0] : arn.split(":", -1);
        if (fields.length < 7 || !fields[0].equals("arn") || !fields[2].equals("lambda") || !fields[5].equals("function")
                || !AccountId.isValid(fields[4])) {
            throw new IllegalStateException("the invoked function ARN '" + Echo.of(arn)
                    + "' is not a Lambda function ARN; cannot tell which account this function runs in");
        }
        return new FunctionAccount(fields[4]);
    }

    /** Passes an invocation for this account; rejects any other, naming both accounts. */
    public void admit(Invocation invocation) {
        String eventAccount = invocation.accountId();
        if (eventAccount == null || eventAccount.isBlank()) {
            throw new InvalidEventException("accountId is missing from the Config event; this function evaluates account "
                    + id + " only");
        }
        if (!eventAccount.equals(id)) {
            throw new InvalidEventException("the Config event is for account " + Echo.of(eventAccount)
                    + ", but this function runs in account " + id + " and evaluates that account only; "
                    + "nothing was read or reported");
        }
    }
}
