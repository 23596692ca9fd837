package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the call sequence of one case kind against our components.
 * <p>
 * A runner returns the encoded result, shaped like the case's {@code expected} without {@code throws}
 * (e.g. {@code {"bytes": …}}). An exception thrown by the component under test leaves as a {@link Phase.Failure};
 * any other exception is a problem of the harness or of the case and fails the test as is.
 */
interface CaseRunner {

    ObjectNode run(VectorCase vectorCase) throws Exception;

    /** The runner for a case kind such as {@code converter.toConnectData}. */
    static CaseRunner forKind(String kind) {
        switch (kind) {
            case "converter.fromConnectData":
            case "converter.toConnectData":
                return new ConverterCaseRunner();
            case "headerConverter.fromConnectHeader":
            case "headerConverter.toConnectHeader":
                return new HeaderConverterCaseRunner();
            case "transform":
                return new TransformCaseRunner();
            case "predicate":
                return new PredicateCaseRunner();
            case "values.parseString":
            case "values.convert":
            case "values.inferSchema":
                return new ValuesCaseRunner();
            default:
                throw new IllegalArgumentException("Unknown case kind '" + kind + "'");
        }
    }
}
