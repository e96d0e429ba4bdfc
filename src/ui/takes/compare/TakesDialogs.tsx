import { useMemo } from "react";
import { useServices } from "../../services";
import { LineagePanelHost } from "../lineage/LineagePanel";
import SweepDialogHost from "../sweep/SweepDialog";
import { CompareDialogHost } from "./CompareDialog";
import { takeServiceOf, takeSources } from "./take-sources";

/** The compare dialog, the sweep dialog and the lineage panel (loaded on demand by TakesOverlays). */
export default function TakesDialogs() {
  const services = useServices();
  const takes = takeServiceOf(services);
  const sources = useMemo(() => (takes ? takeSources(takes, services.media) : null), [takes, services.media]);
  return (
    <>
      <CompareDialogHost sources={sources} />
      <SweepDialogHost />
      <LineagePanelHost sources={sources} />
    </>
  );
}
