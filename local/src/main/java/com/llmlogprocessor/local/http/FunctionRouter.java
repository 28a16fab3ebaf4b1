package com.llmlogprocessor.local.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.local.LocalExecutionContext;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Serves HTTP-triggered function methods the way the Functions host does, without the host:
 * every public method annotated {@link FunctionName} with an {@link HttpTrigger} parameter becomes
 * a route {@code /api/<route or function name>} for its {@code methods} (all methods when none are
 * listed). Parameters are filled like the host fills them: the trigger parameter with an
 * {@link HttpRequestMessage} ({@code Optional<String>} or {@code String} body), each
 * {@code @BindingName("x")} with path parameter {@code x} (else query parameter {@code x}), an
 * {@link ExecutionContext}. A new instance of the class per call, as the Java worker does.
 *
 * <p>Unknown paths get 404 and known paths with another method 405, both as JSON
 * {@code {"error": "..."}}. Authorization levels are not checked locally.
 */
public final class FunctionRouter {
    public static final String ROUTE_PREFIX = "api";
    private static final String FUNCTIONS_PACKAGE = "com.llmlogprocessor.functions";

    /** One served function. */
    public record Route(String functionName, RouteTemplate template, Set<HttpMethod> methods, Class<?> type,
                        Method method) {
        public String describe() {
            return String.join(",", methods.stream().map(Enum::name).toList()) + " /" + ROUTE_PREFIX + "/" + template;
        }
    }

    /** What goes back to the client. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final List<Route> routes;
    private final PrintStream log;

    private FunctionRouter(List<Route> routes, PrintStream log) {
        this.routes = routes;
        this.log = log;
    }

    /** The routes of every HTTP function in {@code classes}; bad declarations fail here, not at the first call. */
    public static FunctionRouter of(Collection<Class<?>> classes, PrintStream log) {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : classes) {
            if (!Modifier.isPublic(type.getModifiers()) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (Method m : type.getMethods()) {
                FunctionName name = m.getAnnotation(FunctionName.class);
                HttpTrigger trigger = triggerOf(m);
                if (name == null || trigger == null) {
                    continue;
                }
                validate(type, m);
                String route = trigger.route().isBlank() ? name.value() : trigger.route();
                Set<HttpMethod> methods = trigger.methods().length == 0
                        ? EnumSet.allOf(HttpMethod.class) : EnumSet.copyOf(Arrays.asList(trigger.methods()));
                routes.add(new Route(name.value(), RouteTemplate.parse(route), methods, type, m));
            }
        }
        routes.sort((a, b) -> a.template().compareTo(b.template()));
        return new FunctionRouter(List.copyOf(routes), log);
    }

    /** The classes of the functions module (where {@link AppContext} was loaded from), scanned from its jar or folder. */
    public static List<Class<?>> functionClasses() {
        List<String> names = new ArrayList<>();
        String prefix = FUNCTIONS_PACKAGE.replace('.', '/') + "/";
        try {
            Path location = Path.of(AppContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location)) {
                    walk.map(p -> location.relativize(p).toString().replace('\\', '/'))
                            .filter(n -> n.startsWith(prefix) && n.endsWith(".class"))
                            .forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(prefix) && n.endsWith(".class"))
                            .forEach(names::add);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot list the function classes: " + e, e);
        }
        List<Class<?>> out = new ArrayList<>();
        for (String n : new TreeSet<>(names)) {
            if (n.contains("$") || n.endsWith("package-info.class")) {
                continue;
            }
            try {
                out.add(Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false,
                        FunctionRouter.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable here (e.g. needs an absent optional dependency): cannot be a served function
            }
        }
        return out;
    }

    public List<Route> routes() {
        return routes;
    }

    private static HttpTrigger triggerOf(Method m) {
        for (Parameter p : m.getParameters()) {
            HttpTrigger t = p.getAnnotation(HttpTrigger.class);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static void validate(Class<?> type, Method m) {
        if (!Modifier.isStatic(m.getModifiers())) {
            try {
                type.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " needs a public no-arg constructor to serve " + m.getName());
            }
        }
        for (Parameter p : m.getParameters()) {
            if (p.isAnnotationPresent(HttpTrigger.class)) {
                bodyType(p); // throws when unsupported
            } else if (p.isAnnotationPresent(BindingName.class)) {
                Class<?> t = p.getType();
                if (t != String.class && t != int.class && t != Integer.class && t != long.class && t != Long.class
                        && t != boolean.class && t != Boolean.class) {
                    throw new IllegalStateException("@BindingName parameter " + p.getName() + " of "
                            + type.getSimpleName() + "." + m.getName() + " has unsupported type " + t.getName());
                }
            }
        }
    }

    /** {@code Optional.class} or {@code String.class}: the body type argument of the trigger's HttpRequestMessage. */
    private static Class<?> bodyType(Parameter p) {
        if (!HttpRequestMessage.class.isAssignableFrom(p.getType())) {
            throw new IllegalStateException("@HttpTrigger parameter of type " + p.getType().getName()
                    + " is not supported locally (use HttpRequestMessage<Optional<String>>)");
        }
        Type t = p.getParameterizedType();
        if (t instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1) {
            Type arg = pt.getActualTypeArguments()[0];
            if (arg == String.class) {
                return String.class;
            }
            if (arg instanceof ParameterizedType a && a.getRawType() == Optional.class) {
                return Optional.class;
            }
            throw new IllegalStateException("HttpRequestMessage<" + arg.getTypeName() + "> is not supported locally "
                    + "(use Optional<String> or String)");
        }
        return Optional.class;
    }

    // ------------------------------------------------------------------ dispatch

    /** Handles one request; {@code uri} is the full request URI (path from {@code /api/...}, raw query). */
    public Response handle(String httpMethod, URI uri, Map<String, String> headers, String body) {
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String prefix = "/" + ROUTE_PREFIX;
        if (!(path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return error(404, "no route for " + path + " (the API lives under /" + ROUTE_PREFIX + "/)");
        }
        String rest = path.substring(prefix.length());
        HttpMethod verb;
        try {
            verb = HttpMethod.valueOf(httpMethod.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return error(405, "method " + httpMethod + " is not supported");
        }
        Set<HttpMethod> allowed = EnumSet.noneOf(HttpMethod.class);
        for (Route r : routes) {
            Optional<Map<String, String>> params = r.template().match(rest);
            if (params.isEmpty()) {
                continue;
            }
            if (!r.methods().contains(verb)) {
                allowed.addAll(r.methods());
                continue;
            }
            return invoke(r, verb, uri, headers, body, params.get());
        }
        if (!allowed.isEmpty()) {
            Response r = error(405, "method " + verb + " is not allowed on " + path);
            Map<String, String> h = new LinkedHashMap<>(r.headers());
            h.put("Allow", String.join(", ", allowed.stream().map(Enum::name).toList()));
            return new Response(405, h, r.body());
        }
        return error(404, "no route for " + path);
    }

    private Response invoke(Route route, HttpMethod verb, URI uri, Map<String, String> headers, String body,
                            Map<String, String> pathParams) {
        Map<String, String> query = QueryStrings.parse(uri.getRawQuery());
        LocalHttpRequest request = new LocalHttpRequest(verb, uri, headers, query, body);
        LocalExecutionContext context = new LocalExecutionContext(route.functionName(), log, Level.INFO);
        Parameter[] params = route.method().getParameters();
        Object[] args = new Object[params.length];
        try {
            for (int i = 0; i < params.length; i++) {
                Parameter p = params[i];
                if (p.isAnnotationPresent(HttpTrigger.class)) {
                    args[i] = bodyType(p) == String.class ? new StringBodyRequest(request) : request;
                } else if (p.isAnnotationPresent(BindingName.class)) {
                    String name = p.getAnnotation(BindingName.class).value();
                    String v = pathParams.containsKey(name) ? pathParams.get(name) : query.get(name);
                    args[i] = convert(v, p.getType());
                } else if (ExecutionContext.class.isAssignableFrom(p.getType())) {
                    args[i] = context;
                }
            }
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        Object result;
        try {
            Object target = Modifier.isStatic(route.method().getModifiers())
                    ? null : route.type().getConstructor().newInstance();
            result = route.method().invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            log.println("[" + route.functionName() + "] failed: " + cause);
            cause.printStackTrace(log);
            return error(500, "function " + route.functionName() + " failed: " + cause.getClass().getSimpleName());
        } catch (ReflectiveOperationException e) {
            return error(500, "cannot call function " + route.functionName() + ": " + e);
        }
        return toResponse(result);
    }

    private static Object convert(String v, Class<?> type) {
        if (type == String.class) {
            return v;
        }
        if (v == null || v.isEmpty()) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("missing value for a " + type.getName() + " parameter");
            }
            return null;
        }
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(v);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(v);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
        return Boolean.parseBoolean(v);
    }

    static Response toResponse(Object result) {
        if (result == null) {
            return new Response(204, Map.of(), new byte[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int status = 200;
        Object body = result;
        if (result instanceof HttpResponseMessage r) {
            status = r.getStatusCode();
            body = r.getBody();
            if (r instanceof LocalHttpResponse lr) {
                headers.putAll(lr.headers());
            }
        }
        byte[] bytes;
        String defaultType;
        if (body == null) {
            bytes = new byte[0];
            defaultType = null;
        } else if (body instanceof byte[] b) {
            bytes = b;
            defaultType = "application/octet-stream";
        } else if (body instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
            String t = s.stripLeading();
            defaultType = t.startsWith("{") || t.startsWith("[") ? "application/json; charset=utf-8" : "text/plain; charset=utf-8";
        } else {
            try {
                bytes = Json.MAPPER.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                return error(500, "cannot serialise the response: " + e.getOriginalMessage());
            }
            defaultType = "application/json; charset=utf-8";
        }
        if (defaultType != null && headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", defaultType);
        }
        return new Response(status, headers, bytes);
    }

    static Response error(int status, String message) {
        String json = Json.MAPPER.createObjectNode().put("error", message).toString();
        return new Response(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same request for a function that declares {@code HttpRequestMessage<String>}. */
    private record StringBodyRequest(LocalHttpRequest delegate) implements HttpRequestMessage<String> {
        @Override
        public URI getUri() {
            return delegate.getUri();
        }

        @Override
        public HttpMethod getHttpMethod() {
            return delegate.getHttpMethod();
        }

        @Override
        public Map<String, String> getHeaders() {
            return delegate.getHeaders();
        }

        @Override
        public Map<String, String> getQueryParameters() {
            return delegate.getQueryParameters();
        }

        @Override
        public String getBody() {
            return delegate.getBody().orElse(null);
        }

        @Override
        public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
            return delegate.createResponseBuilder(status);
        }

        @Override
        public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
            return delegate.createResponseBuilder(status);
        }
    }
}
