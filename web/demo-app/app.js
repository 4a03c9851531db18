// The demo host page: signs in as a demo customer through this page's pretend backend, then lets
// the Holdfast snippet (/sdk.js) show what the plays have for that customer. No secret here.
(() => {
  const $ = (id) => document.getElementById(id);
  const log = (text) => {
    const li = document.createElement("li");
    li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
    $("log").prepend(li);
  };
  let config = null;
  let token = null;
  let hostClicks = 0;

  const showSnippet = (customer) => {
    $("snippet").textContent = [
      '<script src="/sdk.js"></script>',
      "<script>",
      "  // identity: signed by your backend for the signed-in user (docs/in-app.md)",
      `  Holdfast.init({ publishableKey: "${config?.publishable_key ?? "pk_..."}", identity: "<token for ${customer ?? "the user"}>" });`,
      '  Holdfast.moment("session_start");',
      "</script>",
    ].join("\n");
  };

  const runMoment = async (name) => {
    if (!token) {
      log("Sign in first.");
      return;
    }
    const shown = await window.Holdfast.moment(name);
    log(
      shown.length === 0
        ? `${name}: nothing to show`
        : `${name}: showing ${shown.map((e) => `${e.kind} "${e.title}"`).join(", ")}`,
    );
  };

  const signIn = async (customer) => {
    const res = await fetch("/demo-app/identity", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ customerId: customer }),
    });
    const body = await res.json();
    if (!res.ok) {
      log(`Sign-in refused: ${body.message}`);
      return;
    }
    token = body.token;
    window.Holdfast.init({ publishableKey: config.publishable_key, identity: token });
    $("whoami").textContent = `Signed in as ${customer} (token valid until ${body.expires_at}).`;
    showSnippet(customer);
    log(`Signed in as ${customer}`);
    await runMoment("session_start");
  };

  window.addEventListener("holdfast:response", (e) => {
    const { experience, type, answer } = e.detail;
    const offer = answer?.offer ? ` (offer ${answer.offer.id} ${answer.offer.status})` : "";
    log(`${type} on "${experience.title}": recorded as ${answer?.event ?? "?"}${offer}`);
  });

  window.addEventListener("holdfast:error", (e) => log(`Holdfast: ${e.detail.message}`));

  $("signin").addEventListener("submit", (e) => {
    e.preventDefault();
    void signIn($("customer").value);
  });
  for (const b of document.querySelectorAll("[data-moment]"))
    b.addEventListener("click", () => void runMoment(b.dataset.moment));
  $("tamper").addEventListener("click", async () => {
    if (!token) {
      log("Sign in first.");
      return;
    }
    const [id, exp, mac] = token.split(".");
    const forged = `${id}.${exp}.${mac.slice(0, -1)}${mac.endsWith("0") ? "1" : "0"}`;
    window.Holdfast.init({ publishableKey: config.publishable_key, identity: forged });
    token = forged;
    $("whoami").textContent = "Using a tampered identity token: Holdfast answers 401 and shows nothing.";
    await runMoment("session_start");
  });
  $("host-button").addEventListener("click", () => {
    hostClicks++;
    $("host-count").textContent = String(hostClicks);
  });

  (async () => {
    const res = await fetch("/demo-app/config");
    const body = await res.json();
    if (!res.ok) {
      $("whoami").textContent = body.message;
      return;
    }
    config = body;
    const select = $("customer");
    for (const c of body.customers) {
      const o = document.createElement("option");
      o.value = c.id;
      o.textContent = `${c.id} (${c.pending} pending${c.offer ? ", with an offer" : ""})`;
      select.appendChild(o);
    }
    if (body.customers.length === 0)
      $("whoami").textContent =
        "No customer has a pending in-app experience yet: run a plays tick (npx holdfast plays tick).";
    showSnippet(null);
  })();
})();
