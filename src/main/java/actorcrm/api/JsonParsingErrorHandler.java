package actorcrm.api;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

import java.util.Locale;

/**
 * Pekko's answer to a request it cannot even parse (a URI or header too long, a broken request
 * line), which never reaches the routes, in the API's error shape. Named in {@code http.conf}.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {
  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    log.warning("Illegal request, responding with status '{}': {}", status, info.formatPretty());
    String code = status.reason().toLowerCase(Locale.ROOT).replace(' ', '_');
    return ApiDirectives.error(status, code, settings.verboseErrorMessages() ? info.formatPretty() : info.summary());
  }
}
