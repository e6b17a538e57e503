package actorcrm.pricing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of an uploaded reference table into text, or refuses them with a reason naming
 * the encoding and the line. Excel saves a Chinese table as UTF-8 (with a byte-order mark, "CSV
 * UTF-8") or as GBK ("CSV"), which GB18030 contains. Strict UTF-8 is tried first, because GBK
 * bytes are almost never valid UTF-8 while UTF-8 bytes often decode as GBK; then strict GB18030.
 * Nothing is decoded leniently, so a replacement character never enters the catalog.
 */
final class TableEncoding {

  /** The text and the encoding it was read in, or a refusal (line and reason) and no text. */
  record Decoded(String text, String encoding, Rejection refusal) {}

  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final String RESAVE = "; save the table as \"CSV UTF-8\" and import it again";

  private TableEncoding() {}

  static Decoded decode(byte[] bytes) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      Attempt utf8 = attempt(bytes, 3, StandardCharsets.UTF_8);
      return utf8.text != null
          ? new Decoded(utf8.text, "UTF-8", null)
          : refuse(lineAt(bytes, utf8.errorAt), "the table starts with a UTF-8 byte-order mark but is not UTF-8: "
              + where(bytes, utf8.errorAt));
    }
    if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
      return refuse(1, "the table is UTF-16 (Excel's \"Unicode text\"), which is not read");
    }
    Attempt utf8 = attempt(bytes, 0, StandardCharsets.UTF_8);
    if (utf8.text != null) {
      return new Decoded(utf8.text, "UTF-8", null);
    }
    Attempt gb = attempt(bytes, 0, GB18030);
    if (gb.text == null) {
      return refuse(lineAt(bytes, utf8.errorAt), "the table is neither UTF-8 (" + where(bytes, utf8.errorAt)
          + ") nor GBK/GB18030 (" + where(bytes, gb.errorAt) + ")");
    }
    // GB18030 maps every well-formed byte pair somewhere; private-use characters mean it was another encoding.
    int privateUse = firstPrivateUse(gb.text);
    if (privateUse >= 0) {
      return refuse(lineOf(gb.text, privateUse), "the table is not UTF-8 (" + where(bytes, utf8.errorAt)
          + "), and read as GBK/GB18030 it holds the private-use character U+"
          + String.format("%04X", gb.text.codePointAt(privateUse)) + " on line " + lineOf(gb.text, privateUse)
          + ", so it is in some other encoding");
    }
    return new Decoded(gb.text, "GB18030", null);
  }

  private record Attempt(String text, int errorAt) {}

  private static Attempt attempt(byte[] bytes, int offset, Charset charset) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      return new Attempt(null, in.position());
    }
    return new Attempt(out.flip().toString(), -1);
  }

  private static Decoded refuse(int line, String reason) {
    return new Decoded(null, null, new Rejection(line, reason + RESAVE));
  }

  private static String where(byte[] bytes, int at) {
    return "byte " + String.format("0x%02X", bytes[at] & 0xFF) + " on line " + lineAt(bytes, at);
  }

  private static int lineAt(byte[] bytes, int at) {
    int line = 1;
    // A line feed byte is a line feed in UTF-8 and GB18030 alike: neither uses 0x0A inside a character.
    for (int i = 0; i < at; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int firstPrivateUse(String text) {
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      if (Character.getType(text.codePointAt(i)) == Character.PRIVATE_USE) {
        return i;
      }
    }
    return -1;
  }

  private static int lineOf(String text, int index) {
    return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
