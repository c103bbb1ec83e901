# One image per service: docker build --build-arg SERVICE=members .
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-fund --no-audit
COPY . .
RUN npx nx run-many -t build

FROM node:22-bookworm-slim AS tools
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=development

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-fund --no-audit
COPY --from=build /app/dist ./dist
ARG SERVICE=gateway
ENV SERVICE=${SERVICE} HOST=0.0.0.0 PORT=8080
EXPOSE 8080
USER node
CMD ["sh", "-c", "exec node dist/apps/${SERVICE}/main.js"]
