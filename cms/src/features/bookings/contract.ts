/**
 * What the admin's booking panel (cms/src/admin/bookings/) reads from routes.ts. The server answers by
 * these types and the admin bundle imports them, so the two cannot drift apart.
 *
 * Imported by the admin bundle too: nothing here may import server code.
 */

/** `GET /admin/coesione/bookings/workshop/:documentId`: one entry per session still to come or of today. */
export interface SessionSummary {
  start: string;
  capacity: number;
  /** Seats of confirmed bookings (and seats offered, held for someone on the list). */
  taken: number;
  /** Bookings on the waiting list. */
  waiting: number;
  /** Seats of bookings marked present. */
  present: number;
  /** Cancelled by its organiser. */
  cancelled: boolean;
}

/** `POST /admin/coesione/bookings/attendance` `{ code }`: who the code belongs to, once marked. */
export type AttendanceAnswer =
  | { outcome: 'marked'; name: string; seats: number; workshopTitle: string; sessionStart: string }
  | { outcome: 'already'; name: string; seats: number; attendedAt: string }
  | { outcome: 'refused'; message: string };

/** `POST /admin/coesione/bookings/certificates/:documentId`: certificates issued now, and in all. */
export type CertificateAnswer =
  | { outcome: 'issued'; issued: number; total: number; minSessions: number }
  | { outcome: 'refused'; message: string };

/** `GET /admin/coesione/bookings/workshop/:documentId`: the panel's whole view. */
export interface WorkshopBookings {
  sessions: SessionSummary[];
  /** «Incontri per l'attestato», when set, and the certificates issued so far. */
  certificates: { minSessions: number | null; issued: number };
}

/** `POST /admin/coesione/bookings/cancel-session/:documentId` `{ start }`: how many people were told. */
export type CancelSessionAnswer = { outcome: 'cancelled'; told: number } | { outcome: 'refused'; message: string };

/** `GET /admin/coesione/bookings/roll/:documentId?start=`: who holds seats at one session, for the roll call. */
export interface RollEntry {
  code: string;
  name: string;
  seats: number;
  accessibility: string | null;
  attended: boolean;
}
