// The page of the inference service: draw or choose an image, POST it to /predict (a drawing as a PNG, a chosen file
// as it is), show the ten class probabilities as bars. Plain DOM and canvas, nothing loaded from elsewhere.
"use strict";

const canvas = document.getElementById("canvas");
const context = canvas.getContext("2d");
const fileInput = document.getElementById("file");
const predictButton = document.getElementById("predict");
const errorBox = document.getElementById("error");
const answer = document.getElementById("answer");
const bars = document.getElementById("bars");
const source = document.getElementById("source");

// A chosen file is sent as it is, so that the server decodes it (and says so if it cannot); a drawing is sent
// as the canvas's PNG. Drawing after choosing a file switches back to the drawing.
let chosenFile = null;

function clearCanvas() {
  context.fillStyle = "#000";
  context.fillRect(0, 0, canvas.width, canvas.height);
}

function useDrawing() {
  chosenFile = null;
  fileInput.value = "";
  source.textContent = "Source: your drawing.";
}

// Drawing: a thick white round-capped stroke, about as wide relative to the canvas as Fashion-MNIST's strokes are
// relative to 28 pixels once the service scales the 280 × 280 canvas down.
let drawing = false;
function point(event) {
  const box = canvas.getBoundingClientRect();
  return [(event.clientX - box.left) * canvas.width / box.width, (event.clientY - box.top) * canvas.height / box.height];
}
canvas.addEventListener("pointerdown", event => {
  if (chosenFile) {
    clearCanvas();
    useDrawing();
  }
  drawing = true;
  canvas.setPointerCapture(event.pointerId);
  const [x, y] = point(event);
  context.beginPath();
  context.moveTo(x, y);
  context.lineTo(x, y);
  context.stroke();
});
canvas.addEventListener("pointermove", event => {
  if (!drawing) return;
  const [x, y] = point(event);
  context.lineTo(x, y);
  context.stroke();
});
for (const name of ["pointerup", "pointercancel"]) {
  canvas.addEventListener(name, () => { drawing = false; });
}

document.getElementById("clear").addEventListener("click", () => {
  clearCanvas();
  useDrawing();
  showError(null);
  answer.hidden = true;
  bars.replaceChildren();
});

// Choosing a file: show it on the canvas when the browser can decode it (scaled to fit, on black); the server
// still gets the original bytes.
fileInput.addEventListener("change", async () => {
  const file = fileInput.files[0];
  if (!file) return;
  chosenFile = file;
  clearCanvas();
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(canvas.width / bitmap.width, canvas.height / bitmap.height);
    const w = bitmap.width * scale, h = bitmap.height * scale;
    // Sharp pixels when enlarging: a 28 × 28 image is shown as the 784 pixels the network sees, not a blur.
    context.imageSmoothingEnabled = scale < 1;
    context.drawImage(bitmap, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h);
    source.textContent = `Source: ${file.name} (${file.size.toLocaleString("en")} bytes).`;
  } catch {
    source.textContent = `Source: ${file.name}. The browser cannot show it; the service will say what it makes of it.`;
  }
});

predictButton.addEventListener("click", async () => {
  predictButton.disabled = true;
  showError(null);
  try {
    let request;
    if (chosenFile) {
      const form = new FormData();
      form.append("image", chosenFile, chosenFile.name);
      request = { method: "POST", body: form };
    } else {
      const png = await new Promise(resolve => canvas.toBlob(resolve, "image/png"));
      request = { method: "POST", body: png, headers: { "Content-Type": "image/png" } };
    }
    const response = await fetch("predict", request);
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = body && (body.detail || body.title);
      showError(detail ? detail : `The service answered ${response.status} ${response.statusText}.`);
      return;
    }
    showPrediction(body);
  } catch (error) {
    showError(`The service cannot be reached: ${error.message}`);
  } finally {
    predictButton.disabled = false;
  }
});

function showError(message) {
  errorBox.hidden = message === null;
  errorBox.textContent = message ?? "";
  if (message !== null) {
    answer.hidden = true;
    bars.replaceChildren();
  }
}

function showPrediction(prediction) {
  answer.hidden = false;
  const best = prediction.probabilities[prediction.classIndex];
  answer.textContent = `${prediction.predicted}: ${percent(best.probability)}`;
  bars.replaceChildren(...prediction.probabilities.map((entry, index) => {
    const row = document.createElement("div");
    row.className = index === prediction.classIndex ? "bar best" : "bar";
    row.dataset.probability = entry.probability;
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = entry.class;
    const track = document.createElement("span");
    track.className = "track";
    const fill = document.createElement("span");
    fill.className = "fill";
    fill.style.display = "block";
    fill.style.width = `${(entry.probability * 100).toFixed(2)}%`;
    track.append(fill);
    const value = document.createElement("span");
    value.className = "percent";
    value.textContent = percent(entry.probability);
    row.append(name, track, value);
    return row;
  }));
}

function percent(probability) {
  return `${(probability * 100).toFixed(1)}%`;
}

context.strokeStyle = "#fff";
context.lineWidth = 22;
context.lineCap = "round";
context.lineJoin = "round";
clearCanvas();
