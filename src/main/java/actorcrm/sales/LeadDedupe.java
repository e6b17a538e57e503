package actorcrm.sales;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Dedupe keys for leads: the same person arriving through another channel (名片 from a form, a
 * call, a chat) is linked to the open lead instead of starting a second one. Phones compare by
 * their Chinese national digits, emails trimmed and lower-cased.
 */
public final class LeadDedupe {

  private static final int MIN_PHONE_DIGITS = 7;

  private LeadDedupe() {}

  /** The national number in digits, or empty when the text holds too few digits to be a phone. */
  public static Optional<String> phoneKey(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = raw.trim();
    String digits = text.replaceAll("\\D", "");
    boolean international = false;
    if (digits.startsWith("0086")) {
      digits = digits.substring(4);
      international = true;
    } else if (text.startsWith("+86") || digits.length() == 13 && digits.startsWith("861")) {
      digits = digits.substring(2);
      international = true;
    }
    // International landlines drop the trunk 0 of the area code (+86 10 ... is 010 ... at home);
    // mobiles are the 11-digit numbers starting with 1 and have no trunk 0.
    boolean mobile = digits.length() == 11 && digits.startsWith("1");
    if (international && !mobile && !digits.startsWith("0")) {
      digits = "0" + digits;
    }
    return digits.length() < MIN_PHONE_DIGITS ? Optional.empty() : Optional.of("phone:" + digits);
  }

  public static Optional<String> emailKey(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String email = raw.trim().toLowerCase(Locale.ROOT);
    int at = email.indexOf('@');
    return at <= 0 || at == email.length() - 1 ? Optional.empty() : Optional.of("email:" + email);
  }

  public static List<String> keys(String phone, String email) {
    List<String> keys = new ArrayList<>();
    phoneKey(phone).ifPresent(keys::add);
    emailKey(email).ifPresent(keys::add);
    return keys;
  }

  /** The open lead a new lead duplicates, by phone first, then email; {@code openLeads} maps dedupe keys to lead ids. */
  public static Optional<String> match(String phone, String email, Map<String, String> openLeads) {
    return keys(phone, email).stream().map(openLeads::get).filter(id -> id != null).findFirst();
  }
}
