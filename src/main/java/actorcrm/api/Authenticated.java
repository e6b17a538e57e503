package actorcrm.api;

import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Bearer-token authentication (401) and role checks (403) for every route under /api. */
public abstract class Authenticated extends ApiDirectives {
  private final Tokens tokens;

  protected Authenticated(Tokens tokens) {
    this.tokens = tokens;
  }

  protected Route authenticated(Function<Principal, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> {
      Optional<Principal> principal = header
          .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
          .flatMap(h -> tokens.verify(h.substring(7).trim()));
      if (principal.isEmpty()) {
        String message = header.isEmpty() ? "an Authorization: Bearer <token> header is required" : "the bearer token is not valid";
        return complete(error(StatusCodes.UNAUTHORIZED, "unauthorized", message)
            .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"actorcrm\"")));
      }
      return inner.apply(principal.get());
    });
  }

  protected Route allow(Principal principal, Role[] roles, Supplier<Route> inner) {
    return principal.is(roles) ? inner.get() : forbidden(principal, roles);
  }

  protected Route forbidden(Principal principal, Role[] roles) {
    return complete(error(StatusCodes.FORBIDDEN, "forbidden",
        "role " + principal.role().wire() + " may not do this; needs one of " + Arrays.stream(roles).map(Role::wire).toList()));
  }

  protected static Role[] roles(Role... roles) {
    return roles;
  }
}
