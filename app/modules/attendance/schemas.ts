import { z } from "zod";

/** PUT /sessions/:id/attendees/:attendeeId/attendance (the API does not clear a mark; the page can). */
export const apiAttendanceSchema = z.strictObject({
  attendance: z.enum(["present", "absent"], "Use \"present\" or \"absent\"."),
});
