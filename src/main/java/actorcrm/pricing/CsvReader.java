package actorcrm.pricing;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records the lenient way a customer's spreadsheet export needs: RFC-4180
 * double quotes (with "" escapes and line breaks inside), CRLF or LF, a leading UTF-8 BOM. Each
 * record remembers the physical line it starts on so importers can report rejects by line.
 * Records whose fields are all blank are dropped.
 */
final class CsvReader {

  record Record(int line, List<String> fields, boolean unterminatedQuote) {}

  private CsvReader() {}

  static List<Record> read(String text) {
    List<Record> records = new ArrayList<>();
    if (text == null) {
      return records;
    }
    String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    boolean fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            inQuotes = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && !fieldStarted) {
        field.setLength(0);
        inQuotes = true;
        fieldStarted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        addUnlessBlank(records, recordLine, fields, false);
        fields = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
        line++;
        recordLine = line;
      } else {
        if (!Character.isWhitespace(c)) {
          fieldStarted = true;
        }
        field.append(c);
      }
    }
    if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      addUnlessBlank(records, recordLine, fields, inQuotes);
    }
    return records;
  }

  private static void addUnlessBlank(List<Record> records, int line, List<String> fields, boolean unterminated) {
    List<String> trimmed = fields.stream().map(String::strip).toList();
    if (unterminated || trimmed.stream().anyMatch(f -> !f.isEmpty())) {
      records.add(new Record(line, trimmed, unterminated));
    }
  }
}
