// Read an iCalendar invite from stdin with Mozilla's ical.js and print what a client would see, as
// JSON: the event, its recurrence, its attendees and its first occurrences in UTC.
// ical.js resolves TZIDs from the calendar's own VTIMEZONE, so the times test that component too.
import ICAL from "ical.js";

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function attendees(vevent) {
  return vevent.getAllProperties("attendee").map((prop) => ({
    email: String(prop.getFirstValue()).replace(/^mailto:/i, ""),
    cn: prop.getParameter("cn") ?? null,
    role: prop.getParameter("role") ?? null,
    partstat: prop.getParameter("partstat") ?? null,
    rsvp: prop.getParameter("rsvp") ?? null,
  }));
}

function occurrences(event, count) {
  const starts = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && starts.length < count; next = iterator.next()) {
    starts.push(next.toJSDate().toISOString());
  }
  return starts;
}

const calendar = new ICAL.Component(ICAL.parse(await readStdin()));
const vevent = calendar.getFirstSubcomponent("vevent");
const event = new ICAL.Event(vevent);
const rrule = vevent.getFirstPropertyValue("rrule");
console.log(JSON.stringify({
  method: calendar.getFirstPropertyValue("method"),
  summary: event.summary,
  uid: event.uid,
  sequence: event.sequence,
  status: vevent.getFirstPropertyValue("status"),
  organizer: event.organizer,
  start_zone: event.startDate.zone ? event.startDate.zone.tzid : null,
  start: event.startDate.toJSDate().toISOString(),
  end: event.endDate.toJSDate().toISOString(),
  rrule: rrule ? rrule.toString() : null,
  timezones: calendar.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid")),
  attendees: attendees(vevent),
  occurrences: occurrences(event, 5),
  occurrence_count: occurrences(event, 500).length,
}, null, 2));
