"""ComfyUI behind the provider protocol: HTTP, websocket progress, workflows."""
