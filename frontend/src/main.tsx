import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

function App() {
  return (
    <main style={{ fontFamily: "system-ui", maxWidth: 640, margin: "4rem auto" }}>
      <h1>Chotdon</h1>
      <p>Hộp thư bán hàng đang được xây dựng.</p>
    </main>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
