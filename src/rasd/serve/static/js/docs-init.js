// Starts the bundled Swagger UI on the server's own OpenAPI document (no CDN, no inline script).
window.ui = window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
