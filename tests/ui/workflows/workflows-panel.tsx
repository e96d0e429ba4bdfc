// The Workflows panel on its real parts (repository on fake-indexeddb, workflow service, editor), as the app opens it.
import { render } from "@testing-library/react";
import { createWorkflowRepository } from "../../../src/adapters/db";
import { createEditorStore } from "../../../src/editor/store";
import { createWorkflowsFeature } from "../../../src/ui/app/start/workflows";
import { createWorkflowService } from "../../../src/ui/workflows/workflow-service";
import WorkflowsPanel from "../../../src/ui/workflows/WorkflowsPanel";
import { freshDb } from "../../adapters/db/helpers";
import { buildServices, Wrap } from "../harness";

/** Renders the panel over a fresh database holding "Foxes" (open) and "Owls" (in the trash when `owlsInTrash`). */
export async function renderFoxesAndOwls({ owlsInTrash = false } = {}): Promise<void> {
  const db = freshDb();
  const repo = createWorkflowRepository(db);
  const first = await repo.create({ name: "Foxes" });
  const owls = await repo.create({ name: "Owls" });
  if (owlsInTrash) await repo.softDelete(owls.id);
  const stored = await repo.get(first.id);
  if (!stored?.ok) throw new Error("not stored");
  const services = buildServices({ doc: stored.workflow });
  const editor = createEditorStore({ doc: stored.workflow, workflowId: first.id });
  const list = createWorkflowService({ repo, editor, flush: async () => {}, onLoaded: () => {} });
  services.editor = editor;
  services.workflows = createWorkflowsFeature(db, list);
  render(
    <Wrap services={services}>
      <WorkflowsPanel onClose={() => {}} />
    </Wrap>,
  );
}
