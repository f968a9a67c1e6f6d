"""The trial's cloud API endpoints, from the settings: shared by the CLI's ``trial`` and the web app's Trial tab."""

from __future__ import annotations


def api_endpoints(models: list[str]) -> dict:
    """Endpoints for API providers whose key is set: OPENAI_API_KEY (+ OPENAI_BASE_URL), and for any
    other provider named in ``models`` (``provider/model``), <PROVIDER>_API_KEY + <PROVIDER>_BASE_URL."""
    from agents.trial import ApiEndpoint
    from app.settings import env, load_settings

    settings = load_settings()
    out = {}
    if settings.openai_api_key:
        out["openai"] = ApiEndpoint("openai", settings.openai_api_key, settings.openai_base_url or
                                    "https://api.openai.com/v1")
    for m in models:
        provider = m.split("/")[0].lower() if "/" in m else ""
        var = provider.upper().replace("-", "_")
        if provider and provider not in out and env(f"{var}_API_KEY") and env(f"{var}_BASE_URL"):
            out[provider] = ApiEndpoint(provider, env(f"{var}_API_KEY"), env(f"{var}_BASE_URL"))
    return out
