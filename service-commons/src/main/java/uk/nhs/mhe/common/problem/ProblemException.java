package uk.nhs.mhe.common.problem;

import java.util.Map;

/** Thrown by resources and services to answer with a problem detail. */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
        this.headers = headers;
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(Problem.of(slug, title, 400, detail));
    }

    public static ProblemException notFound(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Not found", 404, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Forbidden", 403, detail));
    }
}
