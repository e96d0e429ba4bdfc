import { useMemo } from "react";
import { useServices } from "../../services";
import { LineagePanelHost } from "../lineage/LineagePanel";
import SweepDialogHost from "../sweep/SweepDialog";
import { CompareBar, CompareDialogHost } from "./CompareDialog";
import { takeServiceOf, takeSources } from "./take-sources";

/**
 * Everything issue 9 shows over the canvas, mounted once by the app: the compare bar and dialog,
 * the sweep dialog and the lineage panel. Each renders nothing until opened (stores in their folders).
 */
export default function TakesOverlays() {
  const services = useServices();
  const takes = takeServiceOf(services);
  const sources = useMemo(() => (takes ? takeSources(takes, services.media) : null), [takes, services.media]);
  return (
    <>
      <CompareBar />
      <CompareDialogHost sources={sources} />
      <SweepDialogHost />
      <LineagePanelHost sources={sources} />
    </>
  );
}
