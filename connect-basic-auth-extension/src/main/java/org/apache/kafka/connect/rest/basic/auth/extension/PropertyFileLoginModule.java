package org.apache.kafka.connect.rest.basic.auth.extension;

import org.apache.kafka.common.config.ConfigException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * A JAAS login module checking a user name and password against a properties file of {@code user: password}
 * (or {@code user=password}) lines, named by the module option {@code file}. The file is read at every login, so
 * edits take effect for the next request without a restart.
 * <pre>
 * KafkaConnect {
 *   org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required
 *   file="/etc/kafka/connect.password";
 * };
 * </pre>
 */
public class PropertyFileLoginModule implements LoginModule {

    private static final Logger log = LoggerFactory.getLogger(PropertyFileLoginModule.class);

    static final String FILE_OPTION = "file";

    private Subject subject;
    private CallbackHandler callbackHandler;
    private String credentialsFile;
    private Principal authenticated;
    private boolean committed;

    public PropertyFileLoginModule() {
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.callbackHandler = callbackHandler;
        Object file = options.get(FILE_OPTION);
        if (file == null || file.toString().isBlank()) {
            throw new ConfigException("Property Credentials file must be specified");
        }
        this.credentialsFile = file.toString();
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback nameCallback = new NameCallback("Enter user name");
        PasswordCallback passwordCallback = new PasswordCallback("Enter password", false);
        try {
            callbackHandler.handle(new Callback[]{nameCallback, passwordCallback});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("Could not obtain the user's credentials: " + e);
        }
        String username = nameCallback.getName();
        char[] password = passwordCallback.getPassword();
        passwordCallback.clearPassword();
        try {
            if (username == null || password == null) {
                throw new FailedLoginException("No credentials were supplied");
            }
            String expected = loadCredentials().getProperty(username);
            if (expected == null || !sameSecret(expected, password)) {
                throw new FailedLoginException("Invalid user name or password");
            }
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
        authenticated = new UserPrincipal(username);
        return true;
    }

    @Override
    public boolean commit() {
        if (authenticated == null) {
            return false;
        }
        subject.getPrincipals().add(authenticated);
        committed = true;
        return true;
    }

    @Override
    public boolean abort() {
        logout();
        return true;
    }

    @Override
    public boolean logout() {
        if (committed) {
            subject.getPrincipals().remove(authenticated);
        }
        authenticated = null;
        committed = false;
        return true;
    }

    private Properties loadCredentials() throws LoginException {
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(credentialsFile))) {
            credentials.load(in);
        } catch (IOException e) {
            log.error("Could not read the credentials file {}", credentialsFile, e);
            throw new LoginException("Could not read the credentials file " + credentialsFile + ": " + e);
        }
        return credentials;
    }

    /** Compares in time independent of where the values differ, not to leak the secret through timing. */
    private static boolean sameSecret(String expected, char[] given) {
        byte[] expectedBytes = expected.getBytes(StandardCharsets.UTF_8);
        byte[] givenBytes = new String(given).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expectedBytes, givenBytes);
    }

    private record UserPrincipal(String getName) implements Principal {
    }
}
