package gridshop.bench;

/** A run that cannot go on (a node died, a tool failed): the message is printed and the run exits 1. */
final class BenchException extends RuntimeException {
    BenchException(String message) {
        super(message);
    }
}
