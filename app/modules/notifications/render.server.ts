import type { OutboxJob, RenderedMail } from "./delivery.server";

/** Placeholder until the e-mail templates land: a plain text notice. */
export async function renderJob(job: OutboxJob): Promise<RenderedMail> {
  const title = String(job.payload.title ?? "Expertenpool");
  return { subject: `Expertenpool: ${title}`, text: `${job.topic}: ${title}`, html: `<p>${job.topic}</p>` };
}
