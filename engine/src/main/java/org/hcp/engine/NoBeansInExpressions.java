package org.hcp.engine;

import java.util.Map;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Expressions in models resolve process variables and the engine's own objects, never Spring beans. By
 * default the Spring integration lets a model's ${…} name any bean of this application (its data source, its
 * environment, the engine's services); a model is written by process owners, not by programmers, and every
 * automated step is an external task. An empty bean map, set before the engine builds its expression manager,
 * leaves nothing to name. The modeler refuses what else could reach further (infra/models/code-execution.ts).
 */
@Component
public class NoBeansInExpressions implements BeanPostProcessor {
  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof ProcessEngineConfigurationImpl configuration) {
      configuration.setBeans(Map.of());
    }
    return bean;
  }
}
