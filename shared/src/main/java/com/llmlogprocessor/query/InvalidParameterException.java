package com.llmlogprocessor.query;

/** A request parameter that cannot be used; the HTTP layer answers 400 with this message. */
public final class InvalidParameterException extends IllegalArgumentException {
    private final String parameter;

    public InvalidParameterException(String parameter, String problem) {
        super("parameter '" + parameter + "': " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
