/**
 * Templates: notification texts per template key × channel × locale, versioned, validated and
 * rendered with the escaping each channel needs.
 *
 * <p>This base package is the module's public face for other modules (delivery): {@link
 * io.kilowatch.templates.TemplateRenderer}, {@link io.kilowatch.templates.RenderedMessage}, {@link
 * io.kilowatch.templates.SmsSegments} and the {@link
 * io.kilowatch.templates.TemplateRenderException} family. Everything in the sub-packages is
 * internal; the HTTP API is under {@code /api/v1/templates}.
 */
package io.kilowatch.templates;
