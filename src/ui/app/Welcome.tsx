import { useServices } from "../services";

/** First screen of a new user: try the simulated demo right away, or set up a proxy for real runs. */
export function Welcome({ onSetUpProxy, onTryDemo }: { onSetUpProxy(): void; onTryDemo(): void }) {
  const { settings } = useServices();
  return (
    <div className="welcome" role="dialog" aria-label="Welcome" aria-modal="true">
      <div className="card">
        <h1>Welcome to Reelflow</h1>
        <p>
          Wire prompts, images and video models into a graph and run it. Every result is kept in this browser, so an
          unchanged node never costs twice.
        </p>
        <p className="hint">
          Demo runs everything in your browser with simulated clips: nothing is sent, nothing is paid. For real videos,
          Reelflow talks to fal through a proxy that holds your fal key (<code>npm start</code> runs one).
        </p>
        <div className="choices">
          <button
            type="button"
            className="primary"
            onClick={() => {
              void settings.getState().update({ mode: "demo", setupDone: true });
              onTryDemo();
            }}
          >
            Try the demo
          </button>
          <button
            type="button"
            onClick={() => {
              void settings.getState().update({ mode: "fal", setupDone: true });
              onSetUpProxy();
            }}
          >
            Set up a proxy
          </button>
        </div>
      </div>
    </div>
  );
}
