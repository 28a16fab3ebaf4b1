package com.llmlogprocessor.local.emulator;

/** The local emulators could not be installed, started or reached; the message says why. */
public class EmulatorException extends RuntimeException {

    public EmulatorException(String message) {
        super(message);
    }

    public EmulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
