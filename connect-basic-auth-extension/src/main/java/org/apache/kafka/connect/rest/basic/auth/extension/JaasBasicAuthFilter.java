package org.apache.kafka.connect.rest.basic.auth.extension;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Authenticates every REST request with HTTP Basic credentials against the JAAS login context {@code KafkaConnect}
 * of a {@link Configuration}; a request without valid credentials is answered 401. The two internal endpoints that
 * workers call on each other ({@code POST /connectors/<name>/tasks}, {@code PUT /connectors/<name>/fence}) are
 * exempt: workers do not send user credentials and those requests are signed instead. The filter runs after
 * request matching, so an unknown path or method still answers 404 or 405.
 */
public class JaasBasicAuthFilter implements ContainerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(JaasBasicAuthFilter.class);

    static final String CONNECT_LOGIN_CONTEXT = "KafkaConnect";
    static final String AUTHORIZATION_HEADER = "Authorization";
    static final String UNAUTHORIZED_MESSAGE = "User cannot access the resource.";

    private static final List<InternalEndpoint> INTERNAL_ENDPOINTS = List.of(
            new InternalEndpoint(HttpMethod.POST, Pattern.compile("/?connectors/[^/]+/tasks/?")),
            new InternalEndpoint(HttpMethod.PUT, Pattern.compile("/?connectors/[^/]+/fence/?")));

    private final Configuration configuration;

    public JaasBasicAuthFilter(Configuration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void filter(ContainerRequestContext requestContext) {
        if (isInternalRequest(requestContext)) {
            log.trace("Skipping authentication for internal request {}", requestContext.getUriInfo().getPath());
            return;
        }
        BasicAuthCredentials credentials =
                new BasicAuthCredentials(requestContext.getHeaderString(AUTHORIZATION_HEADER));
        try {
            login(credentials);
        } catch (LoginException | RuntimeException e) {
            log.debug("Rejecting REST request {} {}: {}", requestContext.getMethod(),
                    requestContext.getUriInfo().getPath(), e.toString());
            requestContext.abortWith(unauthorized());
            return;
        }
        boolean secure = requestContext.getSecurityContext() != null && requestContext.getSecurityContext().isSecure();
        requestContext.setSecurityContext(new BasicAuthSecurityContext(credentials.username(), secure));
    }

    private void login(BasicAuthCredentials credentials) throws LoginException {
        // JAAS loads login modules through the context loader: make it this plugin's, whichever thread serves us.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JaasBasicAuthFilter.class.getClassLoader());
        try {
            LoginContext loginContext = new LoginContext(CONNECT_LOGIN_CONTEXT, new Subject(),
                    new BasicAuthCallBackHandler(credentials), configuration);
            loginContext.login();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static boolean isInternalRequest(ContainerRequestContext requestContext) {
        String method = requestContext.getMethod();
        String path = requestContext.getUriInfo().getPath(false);
        return INTERNAL_ENDPOINTS.stream().anyMatch(endpoint -> endpoint.matches(method, path));
    }

    /** The body is the bare message, as Apache's filter sends it (clients may match on it). */
    private static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED).entity(UNAUTHORIZED_MESSAGE).build();
    }

    /** Answers JAAS's name and password callbacks with the request's credentials. */
    public static class BasicAuthCallBackHandler implements CallbackHandler {

        private final String username;
        private final String password;

        public BasicAuthCallBackHandler(BasicAuthCredentials credentials) {
            this.username = credentials.username();
            this.password = credentials.password();
        }

        /** Fills name and password callbacks; any other callback is left unanswered. */
        @Override
        public void handle(Callback[] callbacks) {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback nameCallback) {
                    nameCallback.setName(username);
                } else if (callback instanceof PasswordCallback passwordCallback) {
                    passwordCallback.setPassword(password == null ? null : password.toCharArray());
                } else {
                    log.debug("Ignoring unsupported JAAS callback {}", callback.getClass().getName());
                }
            }
        }
    }

    /**
     * The user name and password of an {@code Authorization: Basic <base64(user:password)>} header; both null when
     * the header is absent, of another scheme, or malformed.
     */
    static class BasicAuthCredentials {

        private static final String BASIC_SCHEME = "basic";

        private final String username;
        private final String password;

        BasicAuthCredentials(String authorizationHeader) {
            String decoded = decode(authorizationHeader);
            int colon = decoded == null ? -1 : decoded.indexOf(':');
            this.username = colon < 0 ? null : decoded.substring(0, colon);
            this.password = colon < 0 ? null : decoded.substring(colon + 1);
        }

        private static String decode(String header) {
            if (header == null) {
                return null;
            }
            String value = header.trim();
            int space = value.indexOf(' ');
            if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(BASIC_SCHEME)) {
                return null;
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(value.substring(space + 1).trim());
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        String username() {
            return username;
        }

        String password() {
            return password;
        }
    }

    private record InternalEndpoint(String method, Pattern path) {
        boolean matches(String requestMethod, String requestPath) {
            return method.equals(requestMethod) && path.matcher(requestPath).matches();
        }
    }

    private record BasicAuthSecurityContext(String username, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return () -> username;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return BASIC_AUTH;
        }
    }
}
