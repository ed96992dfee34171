package io.github.stalecerts.bench;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * moto keeps its first credential report forever, so every later GenerateCredentialReport answers
 * COMPLETE (a reused report, which the rule rightly does not trust for "no active certificate").
 * A rule at the default 24-hour frequency gets a new report every run, since IAM reuses one for 4
 * hours at most. Armed before a run, this presents the run's first answer as STARTED, as IAM
 * would give it then; moto still makes and serves the report.
 */
final class NewReportEachRun implements ExecutionInterceptor {

    private volatile boolean armed;

    void arm() {
        armed = true;
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (armed && context.response() instanceof GenerateCredentialReportResponse response) {
            armed = false;
            return response.toBuilder().state(ReportStateType.STARTED).build();
        }
        return context.response();
    }
}
