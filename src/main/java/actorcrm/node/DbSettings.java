package actorcrm.node;

import com.typesafe.config.Config;

/** The journal database a node writes to, read once from {@code actorcrm.db}. */
public record DbSettings(String url, String user, String password) {
  public static DbSettings from(Config config) {
    Config db = config.getConfig("actorcrm.db");
    return new DbSettings(db.getString("url"), db.getString("user"), db.getString("password"));
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** The URL without query parameters, which may carry credentials, for messages and logs. */
  public String redactedUrl() {
    int cut = url.indexOf('?');
    return cut < 0 ? url : url.substring(0, cut);
  }
}
