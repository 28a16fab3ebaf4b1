package com.llmlogprocessor.parse;

/** A record that cannot be understood; the message names the field and never carries content. */
public class RecordFormatException extends RuntimeException {
    public RecordFormatException(String message) {
        super(message);
    }
}
