package actorcrm.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TicketPriorityTest {

  @Test
  void everyVipTicketIsAboveEveryStandardTicket() {
    for (int vip = 1; vip <= 5; vip++) {
      for (int std = 1; std <= 5; std++) {
        assertTrue(TicketPriority.of(CustomerTier.VIP, vip).queuePriority()
            > TicketPriority.of(CustomerTier.STANDARD, std).queuePriority(), vip + " vs " + std);
      }
    }
  }

  @Test
  void complexTicketsGoFirstWithinATier() {
    assertEquals(TicketPriority.P1, TicketPriority.of(CustomerTier.VIP, 4));
    assertEquals(TicketPriority.P2, TicketPriority.of(CustomerTier.VIP, 3));
    assertEquals(TicketPriority.P3, TicketPriority.of(CustomerTier.STANDARD, 5));
    assertEquals(TicketPriority.P4, TicketPriority.of(CustomerTier.STANDARD, 1));
  }

  @Test
  void queuePriorityIsHigherForMoreUrgentTickets() {
    assertEquals(4, TicketPriority.P1.queuePriority());
    assertEquals(1, TicketPriority.P4.queuePriority());
    assertEquals("p1", TicketPriority.P1.wire());
    assertEquals(CustomerTier.VIP, CustomerTier.parse("vip"));
  }

  @Test
  void complexityOutsideOneToFiveIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> TicketPriority.of(CustomerTier.VIP, 0));
    assertThrows(IllegalArgumentException.class, () -> TicketPriority.of(CustomerTier.STANDARD, 6));
  }
}
