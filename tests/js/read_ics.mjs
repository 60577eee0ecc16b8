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

// Every occurrence of the series as a calendar shows it: EXDATEs left out, overrides (VEVENTs
// with a RECURRENCE-ID) at their own time, cancelled ones left out.
function expanded(master, overrides, count) {
  const event = new ICAL.Event(master);
  for (const override of overrides) event.relateException(override);
  const starts = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && starts.length < count; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    if (details.item.component.getFirstPropertyValue("status") === "CANCELLED") continue;
    starts.push(details.startDate.toJSDate().toISOString());
  }
  return starts;
}

function component(vevent) {
  const recurrenceId = vevent.getFirstPropertyValue("recurrence-id");
  const organizer = vevent.getFirstProperty("organizer");
  return {
    uid: vevent.getFirstPropertyValue("uid"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    recurrence_id: recurrenceId ? recurrenceId.toJSDate().toISOString() : null,
    start: vevent.getFirstPropertyValue("dtstart").toJSDate().toISOString(),
    status: vevent.getFirstPropertyValue("status"),
    organizer_cn: organizer ? organizer.getParameter("cn") ?? null : null,
    location: vevent.getFirstPropertyValue("location"),
    url: vevent.getFirstPropertyValue("url"),
    conference: vevent.getFirstPropertyValue("conference"),
    description: vevent.getFirstPropertyValue("description"),
    exdates: vevent.getAllProperties("exdate").map((p) => p.getFirstValue().toJSDate().toISOString()),
    attendees: attendees(vevent),
  };
}

const calendar = new ICAL.Component(ICAL.parse(await readStdin()));
const vevents = calendar.getAllSubcomponents("vevent");
const vevent = vevents.find((v) => !v.hasProperty("recurrence-id")) ?? vevents[0];
const event = new ICAL.Event(vevent);
const overrides = vevents.filter((v) => v.hasProperty("recurrence-id"));
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
  components: vevents.map(component),
  expanded: vevent.hasProperty("recurrence-id") ? [] : expanded(vevent, overrides, 500),
}, null, 2));
