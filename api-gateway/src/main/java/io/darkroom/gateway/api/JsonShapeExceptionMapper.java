package io.darkroom.gateway.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * A JSON body of the wrong shape (a number where text belongs, a list for a name): a 400 Problem naming the field.
 * Quarkus has its own mapper for this exception type, more specific than {@link ProblemExceptionMapper}'s, which
 * answers in another format; this one keeps every error in {@code application/problem+json}.
 */
@Provider
public class JsonShapeExceptionMapper implements ExceptionMapper<MismatchedInputException> {

    @Override
    public Response toResponse(MismatchedInputException exception) {
        String field = exception.getPath().stream().map(JsonShapeExceptionMapper::name)
                .collect(Collectors.joining("."));
        return ProblemExceptionMapper.problem(Response.Status.BAD_REQUEST, field.isEmpty()
                ? "The JSON body does not have the expected shape."
                : "The JSON field '" + field + "' does not have the expected type.");
    }

    private static String name(JsonMappingException.Reference reference) {
        return reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]";
    }
}
