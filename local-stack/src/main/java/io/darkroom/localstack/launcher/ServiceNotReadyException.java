package io.darkroom.localstack.launcher;

/** A service exited or did not answer its readiness check in time; the message names it and quotes its log. */
public class ServiceNotReadyException extends RuntimeException {

    private final DarkroomService service;

    public ServiceNotReadyException(DarkroomService service, String message) {
        super(message);
        this.service = service;
    }

    public DarkroomService service() {
        return service;
    }
}
