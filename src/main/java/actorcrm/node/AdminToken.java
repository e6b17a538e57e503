package actorcrm.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The admin bearer token: ACTORCRM_ADMIN_TOKEN when set; otherwise the one in
 * {@code <data dir>/admin-token}, generated on first start so the embedded default is never open.
 */
public final class AdminToken {
  private AdminToken() {}

  public static String resolve(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    Path file = dataDir.resolve("admin-token");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.createDirectories(dataDir);
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = HexFormat.of().formatHex(random);
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the file keeps the platform's default permissions.
      }
      return token;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read or write the admin token file " + file + ": " + e.getMessage(), e);
    }
  }
}
