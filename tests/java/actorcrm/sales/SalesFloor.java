package actorcrm.sales;

import actorcrm.api.TestHttp;
import actorcrm.node.TestNodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Puts reps on the floor over HTTP as a manager would: profile, then presence. */
public final class SalesFloor {
  private SalesFloor() {}

  public static void rep(TestHttp http, String id, String team, String skills, int leadCapacity, int ticketCapacity,
                         String presence) {
    TestHttp.Reply put = http.put("/api/reps/" + id, TestNodes.ADMIN_TOKEN, "{\"name\":\"" + id + "\",\"team\":\""
        + team + "\",\"skills\":" + skills + ",\"lead_capacity\":" + leadCapacity + ",\"ticket_capacity\":"
        + ticketCapacity + "}");
    assertEquals(200, put.status(), put.body());
    presence(http, id, presence);
  }

  public static void presence(TestHttp http, String id, String presence) {
    TestHttp.Reply reply = http.post("/api/reps/" + id + "/presence", TestNodes.ADMIN_TOKEN,
        "{\"status\":\"" + presence + "\"}");
    assertEquals(200, reply.status(), reply.body());
  }
}
