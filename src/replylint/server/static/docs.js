// Renders the OpenAPI schema as a readable page: offline, no third-party code.
"use strict";

(function () {
  const root = document.getElementById("docs");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text).replace(/`/g, "");  // Markdown code marks
    return node;
  }

  function refName(schema) {
    return schema && schema.$ref ? schema.$ref.split("/").pop() : null;
  }

  function typeOf(schema) {
    if (!schema) return "";
    const ref = refName(schema);
    if (ref) return ref;
    if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (schema.type === "array") return typeOf(schema.items) + "[]";
    if (schema.type === "object" && schema.additionalProperties) return "object of " + typeOf(schema.additionalProperties);
    return schema.type || (schema.const !== undefined ? JSON.stringify(schema.const) : "any");
  }

  function modelTable(name, schema) {
    const section = el("section");
    section.id = "model-" + name;
    section.append(el("h2", "", name));
    if (schema.description) section.append(el("p", "", schema.description));
    const props = schema.properties || {};
    const required = new Set(schema.required || []);
    const table = el("table");
    const head = el("tr");
    for (const title of ["field", "type", "required", "description"]) head.append(el("th", "", title));
    table.append(head);
    for (const [field, prop] of Object.entries(props)) {
      const row = el("tr");
      row.append(el("td")); row.lastChild.append(el("code", "", field));
      row.append(el("td", "", typeOf(prop)));
      row.append(el("td", "", required.has(field) ? "yes" : ""));
      row.append(el("td", "", prop.description || (prop.default !== undefined ? "default " + JSON.stringify(prop.default) : "")));
      table.append(row);
    }
    section.append(table);
    return section;
  }

  function operation(path, method, op) {
    const section = el("section");
    const title = el("h2");
    title.append(el("span", "method " + method, method.toUpperCase()), " " + path);
    section.append(title);
    if (op.summary) section.append(el("p", "", op.summary));
    if (op.description && op.description !== op.summary) section.append(el("p", "", op.description));
    const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
    if (body) {
      const heading = el("h3", "", "Request body: ");
      const name = refName(body.schema);
      const link = el("a", "", name || typeOf(body.schema));
      if (name) link.href = "#model-" + name;
      heading.append(link);
      section.append(heading);
    }
    section.append(el("h3", "", "Responses"));
    const list = el("ul");
    for (const [status, response] of Object.entries(op.responses || {})) {
      const content = response.content && response.content["application/json"];
      list.append(el("li", "", status + " \u2014 " + (response.description || "") + (content ? " (" + typeOf(content.schema) + ")" : "")));
    }
    section.append(list);
    return section;
  }

  fetch("/openapi.json").then((r) => r.json()).then((spec) => {
    root.replaceChildren();
    const bar = el("header", "bar");
    bar.append(el("h1", "", "replylint "));
    bar.firstChild.append(el("span", "sub", "HTTP API"));
    const note = el("p", "status", "Generated from the OpenAPI schema (the pydantic models): ");
    for (const [href, label] of [["/openapi.json", "/openapi.json"], ["/", "playground"]]) {
      const link = el("a", "", label);
      link.href = href;
      note.append(link, " ");
    }
    bar.append(note);
    document.body.prepend(bar);
    const intro = el("section");
    intro.append(el("h2", "", spec.info.title + " " + spec.info.version));
    intro.append(el("p", "", spec.info.description || ""));
    root.append(intro);
    for (const [path, methods] of Object.entries(spec.paths || {})) {
      for (const [method, op] of Object.entries(methods)) root.append(operation(path, method, op));
    }
    const schemas = (spec.components && spec.components.schemas) || {};
    root.append(el("h2", "", "Models"));
    for (const [name, schema] of Object.entries(schemas)) root.append(modelTable(name, schema));
  }).catch((err) => { root.textContent = "Cannot load /openapi.json: " + err; });
})();
