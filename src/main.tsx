import "@xyflow/react/dist/style.css";
import "./ui/theme.css";
import { startApp } from "./ui/app/start";

// Start-up lives in src/ui/app/start/ (its index.tsx tells the order).
startApp(document.getElementById("root") as HTMLElement);
