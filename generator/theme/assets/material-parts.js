{#- A static template: MkDocs renders it once, from mkdocs.yml, to site/assets/material-parts.js
    (the papershelf plugin registers it; under Zensical, generator/engine/zensical.py renders it).
    Every page loads it, cached, from its header. -#}
{%- import "partials/language.html" as lang with context -%}
{%- set features = config.theme.features or [] -%}
{%- set palette = config.theme.palette if config.theme.palette and config.theme.palette is not mapping else [] -%}
{#- A namespace, not `options.append`: Zensical's MiniJinja has no list methods, and a plain `set`
    inside the loop would not outlive the loop in Jinja2. -#}
{%- set ns = namespace(options=[]) -%}
{%- for option in palette -%}
  {%- set icon = option.toggle.icon if option.toggle else none -%}
  {%- set drawn -%}{% if icon %}{% include "partials/icon.html" %}{% endif %}{%- endset -%}
  {%- set ns.options = ns.options + [{
    "media": option.media, "scheme": option.scheme | d("default", true) | replace(" ", "-"),
    "primary": option.primary | d("indigo", true) | replace(" ", "-"), "accent": option.accent | d("indigo", true) | replace(" ", "-"),
    "name": option.toggle.name if option.toggle else none, "icon": drawn | trim,
  }] -%}
{%- endfor -%}
{%- set icon = config.theme.icon.top or "material/arrow-up" -%}
{%- set top_icon -%}{% include "partials/icon.html" %}{%- endset -%}
// Material for MkDocs' parts that work only with JavaScript, made here instead of sent in every page:
// its configuration, the dark-mode toggle (its labels are hidden until Material's script runs) and the
// back-to-top button. 1.3 KB of every page: 130 MB at 100k papers. Then Material's two inline scripts
// (storage helpers, saved palette). This runs inside the header, before anything is painted.
// Every value below comes from mkdocs.yml and the theme's own icons, never from a listing.
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
(() => {
  const script = document.currentScript;
  const make = (tag, attrs) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) if (value !== null) node.setAttribute(key, value);
    return node;
  };

  // Material's bundle reads this as it loads, at the end of the page. Its base is the site root.
  const config = make("script", { id: "__config", type: "application/json" });
  config.textContent = JSON.stringify({
    base: __md_scope.href,
    features: {{ features | tojson }},
    translations: { "clipboard.copy": {{ lang.t("clipboard.copy") | tojson }}, "clipboard.copied": {{ lang.t("clipboard.copied") | tojson }} },
    search: null, annotate: null, tags: null, version: null,
  });
  document.head.append(config);

  const palette = {{ ns.options | tojson }};
  if (palette.length) {
    const form = make("form", { class: "md-header__option", "data-md-component": "palette" });
    palette.forEach((option, i) => {
      form.append(make("input", {
        class: "md-option", "data-md-color-media": option.media, "data-md-color-scheme": option.scheme,
        "data-md-color-primary": option.primary, "data-md-color-accent": option.accent,
        "aria-label": option.name, "aria-hidden": option.name === null ? "true" : null,
        type: "radio", name: "__palette", id: `__palette_${i}`,
      }));
      if (option.name === null) return;
      const label = make("label", { class: "md-header__button md-icon", title: option.name, for: `__palette_${(i + 1) % palette.length}`, hidden: "" });
      label.innerHTML = option.icon; // the theme's icon (partials/icon.html)
      form.append(label);
    });
    script.before(form);
  }
  {%- if "navigation.top" in features %}

  // Before Material's own DOMContentLoaded work (its bundle loads after this file), so it finds the button.
  document.addEventListener("DOMContentLoaded", () => {
    const top = make("button", { type: "button", class: "md-top md-icon", "data-md-component": "top", hidden: "" });
    top.innerHTML = {{ top_icon | trim | tojson }};
    top.append({{ lang.t("top") | tojson }});
    document.querySelector(".md-main")?.append(top);
  }, { once: true });
  {%- endif %}
})();
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
