package io.streambus.metadata.controller;

import org.apache.kafka.common.Uuid;

/** Outcome for one topic of DeleteTopics: named as the request named it (name or id) plus what was found. */
public record DeleteTopicResult(String name, Uuid topicId, ApiError error) {
}
