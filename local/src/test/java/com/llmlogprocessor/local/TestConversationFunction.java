package com.llmlogprocessor.local;

import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.store.StoredConversation;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/**
 * Test-only HTTP function shaped like a lookup function (route parameter through
 * {@code @BindingName}, the app context, JSON body), so the local host's routing is proven over
 * real HTTP whatever lookup functions the functions module has.
 */
public class TestConversationFunction {
    @FunctionName("testGetConversation")
    public HttpResponseMessage get(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "test/conversations/{correlationId}") HttpRequestMessage<Optional<String>> request,
            @BindingName("correlationId") String correlationId,
            ExecutionContext context) {
        Optional<StoredConversation> found = AppContext.get().conversations().read(correlationId);
        return found.map(c -> request.createResponseBuilder(HttpStatus.OK)
                        .header("Content-Type", "application/json").body(c.document().toString()).build())
                .orElseGet(() -> request.createResponseBuilder(HttpStatus.NOT_FOUND)
                        .header("Content-Type", "application/json").body("{\"error\":\"unknown correlationId\"}").build());
    }
}
